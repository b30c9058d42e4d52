/**
 * The address Open GraphQL hands to the browser. In a desktop window it is the sidecar's own loopback URL. Where the UI
 * runs elsewhere (a remote or browser-based window, code-server), VS Code rewrites every `127.0.0.1`/`localhost` URL to
 * its port-forwarding proxy, which speaks plain HTTP to the port and (in code-server) drops the path, so the HTTPS page
 * never loads. A `*.localhost` name is not rewritten, browsers resolve it to loopback without DNS, and the sidecar's
 * Host guard accepts it; so that is what such a window opens.
 */
export function graphiqlBrowserUrl(browserUrl: string, uiElsewhere: boolean): string {
  if (!uiElsewhere) {
    return browserUrl;
  }
  const url = new URL(browserUrl);
  if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') {
    url.hostname = 'kubelink.localhost';
  }
  return url.toString();
}
