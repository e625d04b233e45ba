// The engine tests build small clusters and read them through the simulator with the real client; the offline
// converter (rawClusterFromDump) must see exactly the same, so a support dump examined either way tells one story.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildDemo } from '../../src/openebs/demo/demo.js';
import { buildBig } from '../../src/openebs/demo/big.js';
import { inventoryFromDump, inventoryOf } from './helpers.js';

// the API path also says what it could not read: a NotReady node's kubelet answers 503
const strip = (inv: any) => ({ ...inv, fetchedAt: undefined, warnings: undefined });

test('the demo cluster: the same Inventory through the Kubernetes API as straight from the dump', async () => {
  const b = buildDemo();
  const viaApi = await inventoryOf(b, 'demo');
  assert.equal(strip(viaApi), strip(inventoryFromDump(b, 'demo')));
  assert.equal(viaApi.warnings, ['cluster demo: kubelet stats unavailable for ip-10-0-3-17']);
});

test('a generated 300-volume cluster over every engine: the same Inventory both ways', async () => {
  const b = buildBig(300, 7);
  const viaApi = await inventoryOf(b, 'big');
  assert.is(viaApi.volumes.length >= 300, true);
  assert.equal(strip(viaApi), strip(inventoryFromDump(b, 'big')));
});

test.run();
