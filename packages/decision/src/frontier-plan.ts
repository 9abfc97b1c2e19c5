/**
 * Strictness frontier, step 1: the points to play and the runs that play them. Each point is a
 * strategy (the chosen one, pursuing the sweet spot and some of the out-of-profile demand); the
 * points are packed into as few runs as possible (at most 8 strategies per scenario), so that
 * points in one run share their simulated worlds. No simulation here.
 */
import { strategyIndex } from '@sweetspot/analysis';
import { lognormalMean, lognormalParams } from '@sweetspot/engine';
import type { Pursue, Scenario, Segment, Strategy } from '@sweetspot/scenario';
import { type Job, validOrThrow } from './jobs.ts';

/** What decides the points of a frontier (the part of `FrontierOptions` the plan reads). */
export interface FrontierPlanOptions {
  /** Split mode: the number of equal shares (points are 0, 1/steps, …, 1). Default 10. */
  steps?: number;
  /** The strategy whose priority and quarter-end push every point uses. Default: A (compare[0]). */
  strategy?: string;
  /**
   * Split mode: 'shared-world' splits the segment into `steps` equal copies once, so every point
   * is played on the same worlds (smooth curve, paired comparisons between points); 'per-point'
   * builds one scenario per share (a pursued copy s·λ and an unpursued one (1 − s)·λ), exact even
   * with an uncertain win rate, endpoints identical to the pure strategies, but each point on
   * its own worlds. Default: shared-world, unless the segment has `winRateUncertainty` or the
   * copies would exceed the 20-segment limit.
   */
  design?: 'shared-world' | 'per-point';
  /** Segments mode: out-of-profile segment ids in the order they are added. */
  order?: string[];
  /** Runs in flight at once (default: workers + 1). */
}

/** One point of the frontier: which run plays it, as which strategy. */
export interface PointPlan {
  share: number;
  label: string;
  pursued: string[];
  /** Job index and strategy id to read. */
  job: number;
  strategyId: string;
}

export interface FrontierPlan {
  mode: 'segments' | 'split';
  design: 'shared-world' | 'per-point';
  /** Strategy whose priority and push the points use. */
  strategy: string;
  /** Out-of-profile segment ids in the order pursued (one id in split mode). */
  order: string[];
  /** The runs, every one a valid scenario. */
  jobs: Job[];
  /** The points, from none of the out-of-profile demand to all of it. */
  points: PointPlan[];
  notes: string[];
}

const MAX_SEGMENTS = 20;
const MAX_STRATEGIES = 8;

/** Mean of a lognormal given by median and p90 (model §2), as the engine reads them. */
function quantilesMean(q: { median: number; p90: number }): number {
  const { mu, sigma } = lognormalParams(q.median, q.p90);
  return lognormalMean(mu, sigma);
}

/** Expected booked value per effort hour of a segment's deal: w·E[V]·(1 − d) / E[effort]. */
export function valuePerHour(segment: Segment): number {
  return (
    (segment.winRate * quantilesMean(segment.dealSize) * (1 - segment.discount)) /
    quantilesMean(segment.effortHours)
  );
}

/** An id not in `taken`, at most 64 characters, made from `base` and `suffix`. */
function freshId(base: string, suffix: string, taken: Set<string>): string {
  let n = 0;
  for (;;) {
    const tail = n === 0 ? suffix : `${suffix}-${n}`;
    const id = `${base.slice(0, 64 - tail.length)}${tail}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
    n++;
  }
}

/** Replaces `id` in a pursue list by `ids` (a push pursuing the split segment pursues every copy). */
function mapPursue(pursue: Pursue, id: string, ids: string[]): Pursue {
  if (!Array.isArray(pursue)) return pursue;
  return pursue.flatMap((p) => (p === id ? ids : [p]));
}

/** Splits `points` into as few batches of at most 8 as possible, of near-equal sizes (each ≥ 2). */
function batches<T>(points: T[]): T[][] {
  const count = Math.ceil(points.length / MAX_STRATEGIES);
  const out: T[][] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const size = Math.ceil((points.length - at) / (count - i));
    out.push(points.slice(at, at + size));
    at += size;
  }
  return out;
}

/**
 * Plans a frontier of `base` (a valid scenario) with `trials` per run. Throws a RangeError when
 * the scenario has no sweet spot or no out-of-profile segment, or for a bad option.
 */
export function planFrontier(
  base: Scenario,
  trials: number,
  options: FrontierPlanOptions = {},
): FrontierPlan {
  const strategyId = options.strategy ?? base.compare[0];
  const baseStrategy = base.strategies[strategyIndex(base, strategyId)] as Strategy;
  const sweet = base.segments.filter((s) => s.sweetSpot);
  const out = base.segments.filter((s) => !s.sweetSpot);
  if (sweet.length === 0) {
    throw new RangeError(
      'the frontier starts from the sweet spot: mark at least one segment with sweetSpot: true',
    );
  }
  if (out.length === 0) {
    throw new RangeError('there is no out-of-profile segment (sweetSpot: false) to pursue');
  }
  const sweetIds = sweet.map((s) => s.id);
  const notes: string[] = [];
  const steps = options.steps ?? 10;
  const pointStrategy = (id: string, name: string, pursue: string[], push: Pursue | undefined) => {
    const st: Strategy = { ...baseStrategy, id, name, pursue };
    if (baseStrategy.quarterEndPush && push !== undefined) {
      st.quarterEndPush = { ...baseStrategy.quarterEndPush, pursue: push };
    }
    return st;
  };

  const jobs: Job[] = [];
  const plans: PointPlan[] = [];
  let mode: FrontierPlan['mode'];
  let design: FrontierPlan['design'] = 'shared-world';
  let order: string[];
  const taken = new Set([...base.segments.map((s) => s.id), ...base.strategies.map((s) => s.id)]);

  /** Adds jobs playing every point (given as a strategy) on one world (`segments`). */
  const sharedWorld = (
    segments: Segment[],
    points: Array<{ plan: Omit<PointPlan, 'job' | 'strategyId'>; strategy: Strategy }>,
  ) => {
    for (const batch of batches(points)) {
      const job = jobs.length;
      const strategies = batch.map((p) => p.strategy);
      jobs.push({
        scenario: {
          ...base,
          segments,
          strategies,
          compare: [(strategies[0] as Strategy).id, (strategies[1] as Strategy).id],
        },
        trials,
      });
      for (const p of batch) plans.push({ ...p.plan, job, strategyId: p.strategy.id });
    }
  };

  if (out.length > 1) {
    mode = 'segments';
    if (options.order) {
      const ids = new Set(out.map((s) => s.id));
      const given = new Set(options.order);
      if (
        options.order.length !== out.length ||
        given.size !== out.length ||
        options.order.some((id) => !ids.has(id))
      ) {
        throw new RangeError(
          `order must list every out-of-profile segment id once: ${out.map((s) => s.id).join(', ')}`,
        );
      }
      order = [...options.order];
    } else {
      order = [...out]
        .map((s, i) => ({ s, i, v: valuePerHour(s) }))
        .sort((x, y) => y.v - x.v || x.i - y.i)
        .map((x) => x.s.id);
    }
    const rate = (id: string) =>
      base.segments.find((s) => s.id === id)?.opportunitiesPerRepPerWeek ?? 0;
    const totalRate = order.reduce((sum, id) => sum + rate(id), 0);
    const name = (id: string) => base.segments.find((s) => s.id === id)?.name ?? id;
    const points = order.map((_, k) => k).concat(order.length);
    sharedWorld(
      base.segments,
      points.map((k) => {
        const added = order.slice(0, k);
        const pursued = [...sweetIds, ...added];
        const share =
          totalRate > 0
            ? added.reduce((sum, id) => sum + rate(id), 0) / totalRate
            : k / order.length;
        const label = k === 0 ? 'sweet spot only' : `+ ${added.map(name).join(', ')}`;
        return {
          plan: { share, label, pursued },
          strategy: pointStrategy(
            freshId('frontier', `-${k}`, taken),
            `Frontier ${k}`,
            pursued,
            baseStrategy.quarterEndPush?.pursue,
          ),
        };
      }),
    );
  } else {
    mode = 'split';
    const seg = out[0] as Segment;
    const j = base.segments.indexOf(seg);
    order = [seg.id];
    if (!Number.isInteger(steps) || steps < 1 || steps > 100) {
      throw new RangeError(`steps must be a whole number from 1 to 100 (got ${steps})`);
    }
    const fits = base.segments.length - 1 + steps <= MAX_SEGMENTS;
    const uncertain = seg.winRateUncertainty !== undefined && seg.winRate > 0 && seg.winRate < 1;
    design = options.design ?? (fits && !uncertain ? 'shared-world' : 'per-point');
    if (design === 'shared-world' && !fits) {
      throw new RangeError(
        `shared-world needs ${steps} copies of "${seg.id}", beyond the ${MAX_SEGMENTS}-segment limit; use at most ${MAX_SEGMENTS + 1 - base.segments.length} steps or design 'per-point'`,
      );
    }
    if (!options.design && !fits) {
      notes.push(
        `${steps} steps would need more than ${MAX_SEGMENTS} segments in one scenario: each share is run on its own worlds (per-point design).`,
      );
    }
    if (!options.design && uncertain) {
      notes.push(
        `"${seg.id}" has an uncertain win rate: copies would each draw their own, so each share is run on its own worlds with one pursued copy (per-point design).`,
      );
    }
    if (design === 'shared-world' && uncertain) {
      notes.push(
        `"${seg.id}" has an uncertain win rate and each copy draws its own: between the endpoints the spread of results is understated.`,
      );
    }
    const shareLabel = (k: number) => `${Math.round((k / steps) * 1000) / 10}% of ${seg.name}`;
    if (design === 'shared-world') {
      const copies: Segment[] = Array.from({ length: steps }, (_, k) => ({
        ...seg,
        id: freshId(seg.id, `-part${k + 1}`, taken),
        name: `${seg.name} (part ${k + 1} of ${steps})`,
        opportunitiesPerRepPerWeek: seg.opportunitiesPerRepPerWeek / steps,
      }));
      const ids = copies.map((c) => c.id);
      const segments = [...base.segments.slice(0, j), ...copies, ...base.segments.slice(j + 1)];
      const push = baseStrategy.quarterEndPush
        ? mapPursue(baseStrategy.quarterEndPush.pursue, seg.id, ids)
        : undefined;
      sharedWorld(
        segments,
        Array.from({ length: steps + 1 }, (_, k) => {
          const pursued = [...sweetIds, ...(k > 0 ? [seg.id] : [])];
          return {
            plan: { share: k / steps, label: shareLabel(k), pursued },
            strategy: pointStrategy(
              freshId('frontier', `-${k}`, taken),
              `Frontier ${k}/${steps}`,
              [...sweetIds, ...ids.slice(0, k)],
              push,
            ),
          };
        }),
      );
    } else {
      // Endpoints on the scenario's own worlds: exactly the pure strategies.
      const none = pointStrategy(
        freshId('frontier', '-none', taken),
        'Sweet spot only',
        sweetIds,
        baseStrategy.quarterEndPush?.pursue,
      );
      const all = pointStrategy(
        freshId('frontier', '-all', taken),
        'Sweet spot and out of profile',
        [...sweetIds, seg.id],
        baseStrategy.quarterEndPush?.pursue,
      );
      const endJob = jobs.length;
      jobs.push({
        scenario: { ...base, strategies: [none, all], compare: [none.id, all.id] },
        trials,
      });
      plans.push({
        share: 0,
        label: shareLabel(0),
        pursued: sweetIds,
        job: endJob,
        strategyId: none.id,
      });
      for (let k = 1; k < steps; k++) {
        const s = k / steps;
        const inId = freshId(seg.id, '-pursued', new Set(taken));
        const outId = freshId(seg.id, '-not-pursued', new Set([...taken, inId]));
        const pursuedCopy: Segment = {
          ...seg,
          id: inId,
          name: `${seg.name} (pursued share)`,
          opportunitiesPerRepPerWeek: seg.opportunitiesPerRepPerWeek * s,
        };
        const otherCopy: Segment = {
          ...seg,
          id: outId,
          name: `${seg.name} (share not pursued)`,
          opportunitiesPerRepPerWeek: seg.opportunitiesPerRepPerWeek * (1 - s),
        };
        const segments = [
          ...base.segments.slice(0, j),
          pursuedCopy,
          otherCopy,
          ...base.segments.slice(j + 1),
        ];
        const push = baseStrategy.quarterEndPush
          ? mapPursue(baseStrategy.quarterEndPush.pursue, seg.id, [inId, outId])
          : undefined;
        const point = pointStrategy(
          freshId('frontier', `-${k}`, taken),
          `Frontier ${k}/${steps}`,
          [...sweetIds, inId],
          push,
        );
        // A valid scenario compares two strategies: the second plays the sweet spot only.
        const other = pointStrategy(none.id, none.name, sweetIds, push);
        const job = jobs.length;
        jobs.push({
          scenario: {
            ...base,
            segments,
            strategies: [point, other],
            compare: [point.id, other.id],
          },
          trials,
        });
        plans.push({
          share: s,
          label: shareLabel(k),
          pursued: [...sweetIds, seg.id],
          job,
          strategyId: point.id,
        });
      }
      plans.push({
        share: 1,
        label: shareLabel(steps),
        pursued: [...sweetIds, seg.id],
        job: endJob,
        strategyId: all.id,
      });
    }
  }

  // Every job must be a valid scenario; a failure here is a bug in the construction above.
  for (const job of jobs) validOrThrow(job.scenario);

  return { mode, design, strategy: strategyId, order, jobs, points: plans, notes };
}
