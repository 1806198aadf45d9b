import type { AssertionSink, FileModel, SinkFlow, SinkKind, SourceTokenKind } from '../provenance/index.js';

export interface KindFlow {
  readonly sink: AssertionSink;
  readonly flow: SinkFlow;
}

/** Tokens of one of `kinds` reaching a sink of `sinkKind`: one entry per sent expression and source. */
export function flowsOfKind(model: FileModel, sinkKind: SinkKind, kinds: readonly SourceTokenKind[]): KindFlow[] {
  const seen = new Set<string>();
  const out: KindFlow[] = [];
  for (const sink of model.sinks) {
    if (sink.kind !== sinkKind) continue;
    for (const flow of sink.flows) {
      const key = `${flow.node.range.join()}|${flow.origin.api}|${flow.origin.kind}`;
      if (!kinds.includes(flow.origin.kind) || seen.has(key)) continue;
      seen.add(key);
      out.push({ sink, flow });
    }
  }
  return out;
}
