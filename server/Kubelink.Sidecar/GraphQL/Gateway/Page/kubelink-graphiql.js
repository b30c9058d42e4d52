// The GraphiQL page of a Kubelink gateway endpoint. Every request (the schema's introspection included) carries the bearer
// token: from the URL fragment (#token=…, never sent to a server), else the Authorization header typed in the header editor.
// Queries and mutations are POSTed as JSON; subscriptions use SSE (POST with Accept: text/event-stream), read as a stream.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  var endpoint = root.getAttribute('data-endpoint');
  var match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem('kubelink-token:' + endpoint, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  var token = sessionStorage.getItem('kubelink-token:' + endpoint);

  function headersFor(extra) {
    var headers = { 'Content-Type': 'application/json' };
    if (token) { headers.Authorization = 'Bearer ' + token; }
    Object.keys(extra || {}).forEach(function (k) { headers[k] = extra[k]; });
    return headers;
  }

  function isSubscription(params) {
    var text = (params.query || '').replace(/#[^\n]*/g, '');
    if (params.operationName) {
      return new RegExp('subscription\\s+' + params.operationName + '\\b').test(text);
    }
    return /^\s*subscription\b/.test(text);
  }

  async function* events(response) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = '';
    for (;;) {
      var chunk = await reader.read();
      if (chunk.done) { return; }
      buffer += decoder.decode(chunk.value, { stream: true });
      var end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        var frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        var name = /^event: (.*)$/m.exec(frame);
        var data = /^data: (.*)$/m.exec(frame);
        if (name && name[1] === 'complete') { return; }
        if (data && data[1]) { yield JSON.parse(data[1]); }
      }
    }
  }

  function fetcher(params, options) {
    var headers = headersFor(options && options.headers);
    if (isSubscription(params)) {
      headers.Accept = 'text/event-stream';
      return fetch(endpoint, { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (response) {
        return events(response);
      });
    }
    return fetch(endpoint, { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (r) { return r.json(); });
  }

  var defaultHeaders = token ? '' : JSON.stringify({ Authorization: 'Bearer <your token>' }, null, 2);
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultHeaders: defaultHeaders,
    isHeadersEditorEnabled: true,
    defaultQuery: '# Kubelink: ' + endpoint + '\n{\n  v1 {\n    Pods {\n      items { metadata { name namespace } }\n    }\n  }\n}\n',
  }));
})();
