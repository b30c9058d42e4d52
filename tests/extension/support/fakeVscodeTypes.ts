/**
 * The value classes of the fake `vscode` (see fakeVscode.ts): plain records of what the extension sets, so tests can
 * read a rendered tree item or the selection an editor was given.
 */
export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  contextValue?: string;
  iconPath?: unknown;
  command?: { command: string; title: string; arguments?: unknown[] };

  constructor(
    readonly label: string,
    readonly collapsibleState?: number,
  ) {}
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;

  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number) {
    this.start = new Position(startLine, startCharacter);
    this.end = new Position(endLine, endCharacter);
  }
}

export class Selection extends Range {
  constructor(anchor: Position, active: Position) {
    super(anchor.line, anchor.character, active.line, active.character);
  }
}

export interface FakeUri {
  readonly scheme: string;
  readonly fsPath: string;
  readonly query?: string;
}

export const Uri = {
  file: (fsPath: string): FakeUri => ({ scheme: 'file', fsPath }),
  /** Documents of a content provider: `fsPath` holds the path, as VS Code's does for a non-file URI. */
  from: ({ scheme, path, query = '' }: { scheme: string; path: string; query?: string }): FakeUri & { toString(): string } => ({
    scheme,
    fsPath: path,
    query,
    toString: () => `${scheme}:${path}?${query}`,
  }),
};

/** What the test sees of a TreeDataProvider the extension registered. */
export interface FakeTreeProvider {
  getChildren(node?: unknown): unknown[];
  getTreeItem(node: unknown): TreeItem;
  onDidChangeTreeData?: (listener: (node?: unknown) => void) => unknown;
}

export interface RenderedNode {
  readonly node: unknown;
  readonly item: TreeItem;
  readonly children: RenderedNode[];
}

/** The whole tree as VS Code would ask for it: roots, then each node's children. */
export function renderTree(provider: FakeTreeProvider, parent?: unknown): RenderedNode[] {
  return provider.getChildren(parent).map((node) => ({ node, item: provider.getTreeItem(node), children: renderTree(provider, node) }));
}
