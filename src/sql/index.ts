/** SQL generation: SPEC's segmentation as one query per dialect. Imports nothing else from src/. */
export { DIALECT_RULES, SQL_DIALECTS, VERIFIED_DIALECTS, type SqlDialect } from "./dialects";
export {
  buildSegmentationQuery,
  type SegmentationQueryOptions,
  SqlOptionError,
  STANDARD_SEGMENTS,
} from "./segmentation-query";
