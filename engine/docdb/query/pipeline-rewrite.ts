/**
 * Rewrites pipeline stages into MongoDB's documented equivalents where mingo's own implementation
 * differs from MongoDB: `$bucket` becomes `$group` on a `$switch` over the boundaries plus a
 * `$sort` on _id (mingo puts values equal to a boundary into the previous bucket and emits empty
 * buckets; MongoDB does neither). Sub-pipelines of `$facet` are rewritten too.
 */
import type { Document } from 'bson';
import { failedToParse } from '../errors.ts';

function rewriteBucket(spec: Document): Document[] {
  const bounds = spec.boundaries;
  if (!Array.isArray(bounds) || bounds.length < 2) throw failedToParse("The $bucket 'boundaries' field must be an array of at least two values");
  const groupBy = spec.groupBy;
  const branches = bounds.slice(0, -1).map((lower, i) => ({
    case: { $and: [{ $gte: [groupBy, lower] }, { $lt: [groupBy, bounds[i + 1]] }] },
    then: lower,
  }));
  const sw: Document = { branches };
  if (spec.default !== undefined) sw.default = spec.default;
  const output = (spec.output as Document | undefined) ?? { count: { $sum: 1 } };
  return [{ $group: { _id: { $switch: sw }, ...output } }, { $sort: { _id: 1 } }];
}

/** Returns the pipeline with stages rewritten for MongoDB fidelity. */
export function rewritePipeline(pipeline: Document[]): Document[] {
  const out: Document[] = [];
  for (const stage of pipeline) {
    if ('$bucket' in stage) out.push(...rewriteBucket(stage.$bucket as Document));
    else if ('$facet' in stage) {
      const facets = Object.fromEntries(Object.entries(stage.$facet as Document).map(([k, p]) => [k, Array.isArray(p) ? rewritePipeline(p as Document[]) : p]));
      out.push({ $facet: facets });
    } else out.push(stage);
  }
  return out;
}
