// Scan inputs (parsed files, unreadable files) and what the engine needs from the source expanders.
// Kept apart from the real ARM / Terraform modules so the engine can be exercised with hand-built resources.

import type { ControlDefinition, DeploymentContext, NormalizedResource, ResolvedConfig, ScanContext, ScanNote, ScannedInput } from '../model';

/** A file that was read and parsed: its path as reports show it, its bytes' hash, its text and JSON. */
export interface ParsedFile {
  /** Relative path with forward slashes (what SARIF and the reports show). */
  file: string;
  /** SHA-256 of the file's bytes as read, hex. */
  sha256: string;
  /** The decoded text (used only to find line numbers of findings); '' in a deferred source until it is loaded. */
  text: string;
  json: unknown;
  /**
   * The bytes `text` is the UTF-8 decoding of, when the reader has them: findings are then located in the
   * bytes, and the scan need not keep the text.
   */
  bytes?: Uint8Array;
}

export interface ParsedSource extends ParsedFile {
  /** An ARM parameters file to deploy this template with. */
  parameters?: ParsedFile;
  /**
   * Set, with `text` and `json` left empty, when the file has been read but not decoded or parsed: the
   * scan does both when its turn to be expanded comes, so it holds one file's text and tree at a time (the
   * one being expanded) instead of every file's from reading to expansion, and parses each file once.
   * `load` gives the text to locate findings in (the one that parsed: with comments blanked, if it had
   * any), its bytes when they are its UTF-8 encoding, and the tree; or the reason it cannot be read.
   */
  deferred?: { load(): LoadedSource };
}

export type LoadedSource = { ok: true; file: { text: string; json: unknown; bytes?: Uint8Array } } | { ok: false; unreadable: UnreadableSource };

/**
 * A file that was read but could not be decoded or parsed: it is listed as an input, with the hash of the
 * bytes read, and its error makes the scan incomplete. A file refused before it was read (over the size
 * limit, not readable at all) has no hash: it is not one of these, only an error note on its path.
 */
export interface UnreadableSource {
  file: string;
  sha256: string;
  error: ScanNote;
}

export type InputKind = ScannedInput['kind'];

export interface Expansion {
  resources: NormalizedResource[];
  notes: ScanNote[];
}

export interface ScanDependencies {
  classify(json: unknown): InputKind;
  expandArm(args: { file: string; template: unknown; parameters?: { file: string; value: unknown }; context: DeploymentContext }): Expansion;
  normalizeTerraform(args: { file: string; plan: unknown; context: DeploymentContext }): Expansion;
  createContext(resources: readonly NormalizedResource[], config: ResolvedConfig): ScanContext;
  controlsForBaseline(baseline: ResolvedConfig['baseline']): readonly ControlDefinition[];
}
