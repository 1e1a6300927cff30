// ISRM.Sql.Auditing judges the server by its auditingSettings / extendedAuditingSettings children: every
// outcome's propertyPath names the child setting in the `Type(name).path` form child-setting controls use,
// never `properties.state` on the server, which has no such property.

import assert from 'node:assert/strict';
import { createFindingLocator } from '../../src/core/scan/locate-findings';
import { evaluate, res, RG_ID } from './helpers';

const SQL = 'Microsoft.Sql/servers';
const ID = 'ISRM.Sql.Auditing';

describe('ISRM.Sql.Auditing: propertyPath names the auditing child setting', () => {
  it('no auditing child: the path names the auditingSettings child the server lacks', () => {
    const [o] = evaluate(ID, [res(SQL, 'sql1', {})]);
    assert.equal(o!.status, 'fail');
    assert.equal(o!.propertyPath, 'auditingSettings(sql1/default).properties.state');
  });

  it('a child of a server only known after deployment: the path names that child', () => {
    const name = '[unknown:azurerm_mssql_server.x.name]/default';
    const child = res(`${SQL}/auditingSettings`, name, { state: 'Enabled', isAzureMonitorTargetEnabled: true }, { id: `${RG_ID}/providers/Microsoft.Sql/servers/[unknown:azurerm_mssql_server.x.name]/auditingSettings/default` });
    const [o] = evaluate(ID, [res(SQL, 'sql1', {}), child]);
    assert.equal(o!.status, 'unknown');
    assert.equal(o!.propertyPath, `auditingSettings(${name}).properties.state`);
    assert.equal(o!.relatedResourceId, child.id);
  });

  it('a declared child: the path names it, as before', () => {
    const [o] = evaluate(ID, [res(SQL, 'sql1', {}), res(`${SQL}/auditingSettings`, 'sql1/default', { state: 'Disabled' })]);
    assert.equal(o!.status, 'fail');
    assert.equal(o!.propertyPath, 'auditingSettings(sql1/default).properties.state');
  });

  it('no outcome points at properties.state on the server', () => {
    for (const set of [[res(SQL, 'sql1', {})], [res(SQL, 'sql1', {}), res(`${SQL}/auditingSettings`, 'sql1/default', { state: 'Enabled' })]]) {
      for (const o of evaluate(ID, set)) assert.notEqual(o.propertyPath, 'properties.state');
    }
  });

  it('the finding for a missing child is still located at the server declaration', () => {
    const text = JSON.stringify({ resources: [{ type: SQL, name: 'sql1', properties: { version: '12.0' } }] }, null, 2);
    const server = res(SQL, 'sql1', { version: '12.0' });
    const [o] = evaluate(ID, [server]);
    const locator = createFindingLocator(new Map([['main.json', text]]));
    assert.deepEqual(locator.locate(server, o!.propertyPath, true), locator.declaration(server));
  });
});
