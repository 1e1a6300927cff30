import { isUnknown } from '../model';
import { findUnknown } from './access';
import { failed, passed, unknownOutcome, type Check } from './checks';
import { control } from './define';
import { FW } from './frameworks';
import { isTaggable, tagValue, TAGGABLE_TYPES } from './tags';

/** Used when the configuration lists no required tags. */
export const DEFAULT_REQUIRED_TAGS = ['CostCenter', 'UseCase'];

// The expectation and the passing text depend only on the tag names: made once for the names in force
// (compared by value, so a configuration changed in place is seen), not for every resource.
let lastNames: readonly string[] = [];
let lastExpected = '';
let lastPassDetail = '';

function textsFor(names: readonly string[]): void {
  if (names.length === lastNames.length && lastExpected !== '') {
    let same = true;
    for (let i = 0; i < names.length && same; i++) same = names[i] === lastNames[i];
    if (same) return;
  }
  lastNames = names.slice();
  lastExpected = `non-empty tags ${names.join(', ')}`;
  lastPassDetail = `carries the required tags ${names.join(', ')}.`;
}

const requiredTags: Check = (r, ctx) => {
  if (!isTaggable(r, ctx)) return [];
  const names = ctx.config.requiredTags.length > 0 ? ctx.config.requiredTags : DEFAULT_REQUIRED_TAGS;
  textsFor(names);
  const expected = lastExpected;
  if (isUnknown(r.tags)) return [unknownOutcome(r, 'tags', r.tags, expected)];
  let missing: string[] | undefined;
  let unknown: string[] | undefined;
  for (const name of names) {
    const v = tagValue(r, name);
    if (findUnknown(v)) (unknown ??= []).push(name);
    else if (typeof v !== 'string' || v.trim() === '') (missing ??= []).push(name);
  }
  const actual = r.tags ?? {};
  if (missing !== undefined) return [failed(r, 'tags', actual, expected, `missing or empty required tag${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`)];
  if (unknown !== undefined) {
    const u = findUnknown(tagValue(r, unknown[0]!))!;
    return [unknownOutcome(r, `tags.${unknown[0]}`, u, expected, `tag${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} only known after deployment (${u.reason}); review that ${unknown.length > 1 ? 'they are' : 'it is'} set.`)];
  }
  return [passed(r, 'tags', actual, expected, lastPassDetail)];
};

export const TAGGING_CONTROLS = [
  control({
    id: 'ISRM.Tagging.RequiredTags',
    title: 'Resources carry the required cost-allocation tags',
    rationale: 'Cost centre and use case tags allocate spend to its owner and identify which use case (and which validated system) a resource belongs to.',
    remediation: 'Add every required tag (by default CostCenter and UseCase) with a non-empty value to the resource, ideally from one shared tags parameter.',
    snippet: "param tags object = {\n  CostCenter: 'CC-1234'\n  UseCase: 'clinical-analytics'\n  Environment: 'prod'\n}\n\nresource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  // ...\n  tags: tags\n}",
    severity: 'low',
    family: 'tagging',
    baseline: 'standard',
    appliesTo: [...TAGGABLE_TYPES],
    frameworks: FW.inventory(),
    azurePolicy: 'Require a tag on resources',
    helpUri: 'https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources',
    check: requiredTags,
  }),
];
