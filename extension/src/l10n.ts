import * as vscode from 'vscode';
import type { Translate } from './strings';

/** The adapters' translator: the table in strings.ts goes through VS Code's localization, placeholders and all. */
export const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
