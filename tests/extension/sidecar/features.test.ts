// Sidecar features from `initialize`: which the session has, and the context keys the editor's menus use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { featureContextKey, featureKeyChanges, featuresOf, hasFeature } from '../../../extension/src/sidecar/features';

test('a session has the features its initialize answer lists; an older sidecar without the list has none', () => {
  const session = { info: { capabilities: { features: ['graphql', 'source.eks'] } } };
  assert.equal(hasFeature(session, 'source.eks'), true);
  assert.equal(hasFeature(session, 'clusterChanged'), false);
  assert.equal(hasFeature({ info: { capabilities: {} } }, 'graphql'), false);
  assert.equal(hasFeature(undefined, 'graphql'), false);
  assert.deepEqual(featuresOf(undefined), []);
});

test('moving to the next session sets the new keys and clears those gone', () => {
  assert.equal(featureContextKey('source.eks'), 'kubelink.feature.source.eks');
  assert.deepEqual(featureKeyChanges(['graphql', 'source.kubeconfig'], ['source.kubeconfig', 'source.eks']), [
    ['kubelink.feature.graphql', false],
    ['kubelink.feature.source.eks', true],
  ]);
  assert.deepEqual(featureKeyChanges(['graphql'], []), [['kubelink.feature.graphql', false]]);
});
