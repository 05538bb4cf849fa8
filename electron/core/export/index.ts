// Public API of the de-identified export: the study as tables (CSV or JSON) with a data dictionary and a
// manifest, and one recording's marks as an ELAN document.

export { exportEaf, MARK_SPAN_MS } from './eaf.ts';
export type { EafDocument, EafOptions } from './eaf.ts';
export { exportStudy, exportStudyAsync } from './export-study.ts';
export type { ExportControl, ExportOptions, ExportProgress, ExportResult } from './export-study.ts';
export { MANIFEST_NAME } from './manifest.ts';
export type { ExportManifest, ManifestFile } from './manifest.ts';
export { EXPORT_FORMATS } from './serialize.ts';
export type { ExportFormat } from './serialize.ts';
export { writeNewFile } from './write.ts';
