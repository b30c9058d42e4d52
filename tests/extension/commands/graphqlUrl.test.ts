import assert from 'node:assert/strict';
import { test } from 'node:test';
import { graphiqlBrowserUrl } from '../../../extension/src/commands/graphqlUrl';

const url = 'https://127.0.0.1:41234/graphql/kc_abc#token=t%2Bk';

test('a desktop window opens the sidecar\'s loopback URL as it is', () => {
  assert.equal(graphiqlBrowserUrl(url, false), url);
});

test('a window whose UI runs elsewhere opens kubelink.localhost, keeping port, path and token fragment', () => {
  assert.equal(graphiqlBrowserUrl(url, true), 'https://kubelink.localhost:41234/graphql/kc_abc#token=t%2Bk');
  assert.equal(graphiqlBrowserUrl('https://localhost:5/graphql/x', true), 'https://kubelink.localhost:5/graphql/x');
});
