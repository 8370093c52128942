/** SQL generation: SPEC's segmentation as one query per dialect. Imports nothing else from src/. */
export { DIALECT_RULES, SQL_DIALECTS, VERIFIED_DIALECTS, type DialectRules, type SqlDialect } from "./dialects";
export {
  buildSegmentationQuery,
  DEFAULT_GRID,
  QUERY_COLUMNS,
  type SegmentationQueryOptions,
  SqlOptionError,
  STANDARD_SEGMENTS,
  type StandardSegment,
} from "./segmentation-query";
