// Terraform plan JSON (azurerm provider) → ARM-shaped NormalizedResources, for the same controls that
// check ARM templates. Pure: the caller reads and parses the file.

export { isTerraformPlan } from './plan';
export { normalizeTerraformPlan, type TerraformInput, type TerraformResult } from './normalize';
export { mappedTerraformTypes } from './mappings';
