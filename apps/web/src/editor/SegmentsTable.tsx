/**
 * Segments as a table: one column per segment, one row per field (transposed, so that a few
 * segments fit the editor's width; more scroll sideways).
 */
import {
  PARAMETERS,
  type ParamSpec,
  type Prospecting,
  type Scenario,
  unitScale,
} from '@sweetspot/scenario';
import { removeSegment, setSegmentProspecting, setSpecialistNeed } from './draft.ts';
import { useEditor } from './EditorContext.tsx';
import { CheckboxField, NumberCell, TextField } from './fields.tsx';
import { LABELS, type PathKey } from './paths.ts';
import { ListSection } from './SectionHead.tsx';

interface Row {
  path: readonly PathKey[];
  label: string;
  unit: string;
  /** Unit shown inside the input. */
  affix?: string;
  scale?: number;
  placeholder?: string;
  help?: string;
  /** Stores the value for segment `i` (fields whose removal tidies their parent). */
  write?: (draft: Scenario, i: number, value: number | undefined) => Scenario;
}

/**
 * Rows of the optional mechanisms: specialist needs per pool (only with pools, docs/model.md §12)
 * and prospecting (§14). Blank removes the setting.
 */
function mechanismRows(draft: Scenario): Row[] {
  const need = PARAMETERS.segment.specialistHoursPerSellingHour;
  const prospecting = (field: keyof Prospecting, placeholder: string, help: string): Row => ({
    path: ['prospecting', field],
    label: LABELS.prospecting[field],
    unit: PARAMETERS.prospecting[field].suffix,
    placeholder,
    help,
    write: (d, i, v) => setSegmentProspecting(d, i, field, v),
  });
  const needs: Row[] = (draft.team.specialists ?? []).map((pool, p) => {
    const name = pool.name || `pool ${p + 1}`;
    return {
      path: ['specialistHoursPerSellingHour', pool.id],
      label: `${LABELS.specialistNeed}: ${name}`,
      unit: need.suffix,
      placeholder: 'none',
      help: `Hours of ${name} a deal needs for each hour its rep works on it; blank = none`,
      write: (d, i, v) => setSpecialistNeed(d, i, pool.id, v),
    };
  });
  return [
    ...needs,
    prospecting(
      'hoursPerOpportunity',
      'no',
      'Rep hours of prospecting that source one new opportunity; blank = this segment cannot be prospected',
    ),
    prospecting(
      'lagWeeks',
      '—',
      'Weeks from the prospecting hours to the new opportunity arriving',
    ),
  ];
}

/** What a row adds to the catalogue: how an empty optional cell reads, and a tooltip. */
const ROW_EXTRAS: Record<string, Pick<Row, 'placeholder' | 'help'>> = {
  winRateUncertainty: {
    placeholder: 'exact',
    help: 'Closed deals behind the win rate; blank = known exactly',
  },
  sizeEffortCorrelation: {
    placeholder: 'no',
    help: 'How closely a deal’s effort follows its size (log scale); blank = independent',
  },
  sizeCycleCorrelation: {
    placeholder: 'no',
    help: 'How closely a deal’s sales cycle follows its size (log scale); blank = independent',
  },
};

/** A segment's own numbers, from the parameter catalogue: a quantile pair is two rows. */
function rows(currencySymbol: string): Row[] {
  return Object.entries(PARAMETERS.segment as Record<string, ParamSpec>)
    .filter(([field]) => field !== 'specialistHoursPerSellingHour')
    .flatMap(([field, spec]) => {
      const row = {
        label: spec.label,
        unit: spec.unit === 'money' ? currencySymbol : (spec.suffix ?? ''),
        ...(spec.unit === 'percent' ? { affix: '%' } : {}),
        scale: unitScale(spec.unit),
        ...ROW_EXTRAS[field],
      };
      return spec.quantiles
        ? [
            { ...row, path: [field, 'median'], label: `${spec.label}, median` },
            { ...row, path: [field, 'p90'], label: `${spec.label}, P90` },
          ]
        : [{ ...row, path: [field] }];
    });
}

export function SegmentsTable({ currencySymbol }: { currencySymbol: string }) {
  const { draft, apply, set } = useEditor();
  const segments = draft.segments;
  const rowDefs = [...rows(currencySymbol), ...mechanismRows(draft)];
  return (
    <ListSection list="segments">
      <p className="section-note">
        Median and P90 (90th percentile) describe each uncertain quantity; P90 = median makes it
        fixed.
      </p>
      <div className="table-scroll">
        <table className="segments-table">
          <caption className="visually-hidden">
            Segments: one column per segment, one row per field
          </caption>
          <thead>
            <tr>
              <th scope="col" className="row-head">
                Segment
              </th>
              {segments.map((segment, i) => (
                <th scope="col" key={segment.id}>
                  <TextField
                    path={['segments', i, 'name']}
                    label="Name"
                    ariaLabel={`Segment ${i + 1} name`}
                    className="segment-name"
                  />
                  <CheckboxField
                    path={['segments', i, 'sweetSpot']}
                    label="Sweet spot"
                    checked={segment.sweetSpot === true}
                    onChange={(on) => set(['segments', i, 'sweetSpot'], on)}
                  />
                  <button
                    type="button"
                    className="small link-like"
                    onClick={() => apply((d) => removeSegment(d, i))}
                    disabled={segments.length <= 1}
                    aria-label={`Remove segment ${segment.name || i + 1}`}
                  >
                    Remove
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rowDefs.map((row) => (
              <tr key={row.path.join('.')}>
                <th scope="row" className="row-head" title={row.help}>
                  {row.label}
                  <span className="unit">{row.unit}</span>
                </th>
                {segments.map((segment, i) => (
                  <td key={segment.id}>
                    <NumberCell
                      path={['segments', i, ...row.path]}
                      label={`${segment.name || `Segment ${i + 1}`}: ${row.label} (${row.unit})`}
                      scale={row.scale}
                      unit={row.affix ?? ''}
                      placeholder={row.placeholder}
                      write={
                        row.write
                          ? (v) => apply((d) => (row.write ? row.write(d, i, v) : d))
                          : undefined
                      }
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ListSection>
  );
}
