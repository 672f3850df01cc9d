/**
 * Wire types of the `--format sarif` report: the subset of SARIF 2.1.0 that dedupe
 * writes (OASIS standard, schema id
 * https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json).
 * Property names are SARIF's; the order of properties here is the order written.
 */

export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

/** SARIF `message` (plain text only). */
export interface SarifMessage {
  readonly text: string;
}

/** SARIF `multiformatMessageString`. */
export interface SarifMultiformatMessage {
  readonly text: string;
  readonly markdown?: string;
}

export interface SarifArtifactLocation {
  /** A URI reference (RFC 3986): relative to `uriBaseId` when that is set, else absolute (`file:///…`). */
  readonly uri?: string;
  readonly uriBaseId?: string;
  /** Index into `run.artifacts`. */
  readonly index?: number;
  readonly description?: SarifMessage;
}

/** The region of a block of this run: its lines and its bytes. */
export interface SarifBlockRegion {
  readonly startLine: number;
  readonly endLine: number;
  /** 0-based UTF-8 byte offset of the region. */
  readonly byteOffset: number;
  readonly byteLength: number;
}

/**
 * The region of a block held by the persistent index (first seen in an earlier
 * run): only the line it was first seen at; its bytes are not known to this run.
 */
export interface SarifLineRegion {
  readonly startLine: number;
}

export type SarifRegion = SarifBlockRegion | SarifLineRegion;

/**
 * Where a block is. A block of this run: `artifactLocation.index` points into
 * `run.artifacts`, and the region has lines and bytes. A block held by the index:
 * no `index` (the file is not an artifact of this run), only a start line.
 */
export interface SarifPhysicalLocation {
  readonly artifactLocation: SarifArtifactLocation;
  readonly region: SarifRegion;
}

export interface SarifLocation {
  /** Unique within the result; `relatedLocations` use it for embedded links. */
  readonly id?: number;
  readonly physicalLocation: SarifPhysicalLocation;
  readonly message?: SarifMessage;
}

export interface SarifReportingConfiguration {
  readonly level: SarifLevel;
}

export interface SarifReportingDescriptor {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMultiformatMessage;
  readonly fullDescription: SarifMultiformatMessage;
  readonly help: SarifMultiformatMessage;
  readonly defaultConfiguration: SarifReportingConfiguration;
  readonly properties?: { readonly tags: readonly string[] };
}

export interface SarifToolComponent {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
  readonly rules: readonly SarifReportingDescriptor[];
}

export interface SarifArtifact {
  readonly location: SarifArtifactLocation;
  readonly roles: readonly 'analysisTarget'[];
  readonly description?: SarifMessage;
}

export interface SarifResultProperties {
  /** Similarity of the duplicate to the kept copy, 0..1, rounded to 4 decimals (as in the JSON report). */
  readonly similarity: number;
  /** The cluster's `id` in the JSON report. */
  readonly clusterId: number;
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations: readonly SarifLocation[];
  /** The kept copy (id 1); left out for a boilerplate block, of which no copy is kept. */
  readonly relatedLocations?: readonly SarifLocation[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly properties: SarifResultProperties;
}

export interface SarifRun {
  readonly tool: { readonly driver: SarifToolComponent };
  readonly originalUriBaseIds: Readonly<Record<string, SarifArtifactLocation>>;
  readonly artifacts: readonly SarifArtifact[];
  readonly results: readonly SarifResult[];
}

/** The whole `--format sarif` document. */
export interface SarifLog {
  readonly $schema: typeof SARIF_SCHEMA_URI;
  readonly version: typeof SARIF_VERSION;
  readonly runs: readonly SarifRun[];
}
