/** The options of a select of the export's columns, after its own first option. */

/** Each column of the export; a chosen column the export lacks is kept as an option of its own. */
export function ColumnOptions({ columns, chosen }: { columns: readonly string[]; chosen: string }) {
  return (
    <>
      {chosen !== '' && !columns.includes(chosen) ? <option value={chosen}>{chosen}</option> : null}
      {columns.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </>
  );
}
