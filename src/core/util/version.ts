// The tool version written into every report, taken from package.json at build time so a report always
// names the build that produced it.
import packageJson from '../../../package.json';

export const TOOL_VERSION: string = packageJson.version;
