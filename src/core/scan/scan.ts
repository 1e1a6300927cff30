// runScan with the real source expanders, control catalogue and scan context.

import { expandArmTemplate, isArmParametersFile, isArmTemplate } from '../arm/index';
import { controlsForBaseline } from '../controls/index';
import { isTerraformPlan, normalizeTerraformPlan } from '../terraform/index';
import { createScanContext } from './context';
import { runScanWith, type ScanInput } from './engine';
import type { ScanDependencies } from './sources';
import type { ScanReport } from './types';

export { exitCodeFor, failThresholdReached, type ScanInput } from './engine';
export type { ParsedFile, ParsedSource, UnreadableSource } from './sources';

export const DEFAULT_SCAN_DEPENDENCIES: ScanDependencies = {
  classify(json) {
    if (isArmTemplate(json)) return 'arm';
    if (isArmParametersFile(json)) return 'parameters';
    if (isTerraformPlan(json)) return 'terraform';
    return 'unrecognised';
  },
  expandArm: (args) => expandArmTemplate(args),
  normalizeTerraform: (args) => normalizeTerraformPlan(args),
  createContext: createScanContext,
  controlsForBaseline,
};

export function runScan(input: ScanInput): ScanReport {
  return runScanWith(DEFAULT_SCAN_DEPENDENCIES, input);
}
