/** The column mapping of this package's hand-made test exports (test files only). */

/** Fields to columns for an export whose header starts `Id,Stage,Amount,Created,Closed,Owner`. */
export const PLAIN_MAPPING = {
  id: 'Id',
  stage: 'Stage',
  amount: 'Amount',
  created: 'Created',
  closed: 'Closed',
  owner: 'Owner',
};
