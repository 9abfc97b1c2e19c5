import { HUBSPOT_MAPPING, SALESFORCE_MAPPING } from '@sweetspot/testing';
import { SAMPLE_MAPPING } from '@sweetspot/testing/sample';
import { describe, expect, it } from 'vitest';
import {
  columnCandidates,
  guessMapping,
  guessOutcome,
  isMissingValue,
  outcomeTable,
} from './mapping.ts';

/** The CRM sample's mapping but its list price (a column of the products table). */
const { listPrice: _joined, ...sampleCoreMapping } = SAMPLE_MAPPING;

describe('guessMapping', () => {
  it.each([
    [
      'Salesforce report',
      [
        'Opportunity ID',
        'Opportunity Name',
        'Stage',
        'Amount',
        'Created Date',
        'Close Date',
        'Opportunity Owner',
        'Account Name',
      ],
      SALESFORCE_MAPPING,
    ],
    [
      'HubSpot deal export',
      ['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Create Date', 'Close Date', 'Deal owner'],
      HUBSPOT_MAPPING,
    ],
  ])('recognizes %s headers', (_export, headers, mapping) => {
    expect(guessMapping(headers)).toEqual(mapping);
  });

  it('recognizes the Maven CRM sample headers, and list price from the products table', () => {
    expect(
      guessMapping([
        'opportunity_id',
        'sales_agent',
        'product',
        'account',
        'deal_stage',
        'engage_date',
        'close_date',
        'close_value',
      ]),
    ).toEqual(sampleCoreMapping);
    expect(guessMapping(['product', 'series', 'sales_price']).listPrice).toBe('sales_price');
  });

  it('guesses nothing for unknown headers', () => {
    expect(guessMapping(['foo', 'bar', '__proto__'])).toEqual({});
  });
});

describe('outcomes', () => {
  it('reads Won / Closed Won as won, Lost / Closed Lost as lost, anything else as open', () => {
    expect(['Won', 'Closed Won', 'closedwon', 'CLOSED-WON'].map(guessOutcome)).toEqual([
      'won',
      'won',
      'won',
      'won',
    ]);
    expect(['Lost', 'Closed Lost', 'closedlost'].map(guessOutcome)).toEqual([
      'lost',
      'lost',
      'lost',
    ]);
    expect(
      ['Engaging', 'Prospecting', 'Negotiation', 'Won back later', '=1+1'].map(guessOutcome),
    ).toEqual(['open', 'open', 'open', 'open', 'open']);
  });

  it('lists every distinct value with its count, marked as guessed for confirmation', () => {
    const table = outcomeTable(['Won', 'Lost', 'Won', ' Engaging ', '', 'Prospecting']);
    expect(table).toEqual([
      { value: 'Won', outcome: 'won', count: 2, guessed: true },
      { value: 'Engaging', outcome: 'open', count: 1, guessed: true },
      { value: 'Lost', outcome: 'lost', count: 1, guessed: true },
      { value: 'Prospecting', outcome: 'open', count: 1, guessed: true },
    ]);
  });

  it('uses explicit values only, case-insensitively, when given; the rest is open (censored)', () => {
    const table = outcomeTable(['Booked', 'Dead', 'Won', 'booked'], {
      won: ['booked'],
      lost: ['DEAD'],
    });
    expect(table.map((e) => [e.value, e.outcome, e.guessed])).toEqual([
      ['Booked', 'won', false],
      ['Dead', 'lost', false],
      ['Won', 'open', false],
      ['booked', 'won', false],
    ]);
  });
});

describe('column guessing across CRMs (issue 14)', () => {
  const cases: [string, readonly string[], Record<string, string>][] = [
    [
      'Salesforce report',
      ['Opportunity Name', 'Stage', 'Amount', 'Close Date', 'Created Date', 'Opportunity Owner'],
      {
        stage: 'Stage',
        amount: 'Amount',
        created: 'Created Date',
        closed: 'Close Date',
        owner: 'Opportunity Owner',
      },
    ],
    [
      'Salesforce API names',
      ['Id', 'StageName', 'Amount', 'CreatedDate', 'CloseDate', 'OwnerId'],
      {
        id: 'Id',
        stage: 'StageName',
        amount: 'Amount',
        created: 'CreatedDate',
        closed: 'CloseDate',
        owner: 'OwnerId',
      },
    ],
    [
      'HubSpot internal names',
      ['hs_object_id', 'dealstage', 'amount', 'createdate', 'closedate', 'hubspot_owner_id'],
      {
        id: 'hs_object_id',
        stage: 'dealstage',
        amount: 'amount',
        created: 'createdate',
        closed: 'closedate',
        owner: 'hubspot_owner_id',
      },
    ],
    [
      'Pipedrive (Deal - prefix)',
      [
        'Deal - ID',
        'Deal - Value',
        'Deal - Status',
        'Deal - Deal created',
        'Deal - Deal closed on',
      ],
      {
        id: 'Deal - ID',
        stage: 'Deal - Status',
        amount: 'Deal - Value',
        created: 'Deal - Deal created',
        closed: 'Deal - Deal closed on',
      },
    ],
    [
      'spreadsheet',
      ['project', 'project_total', 'date_sourced', 'date_decided', 'salesperson', 'status'],
      {
        stage: 'status',
        amount: 'project_total',
        created: 'date_sourced',
        closed: 'date_decided',
        owner: 'salesperson',
      },
    ],
    [
      'case, space and underscore variants',
      ['DEAL_SIZE_USD', 'date created', 'Close-Date', 'SalesPerson', 'Deal Stage'],
      {
        amount: 'DEAL_SIZE_USD',
        created: 'date created',
        closed: 'Close-Date',
        owner: 'SalesPerson',
        stage: 'Deal Stage',
      },
    ],
    [
      'words rather than known names',
      ['Deal Size (EUR)', 'Date sourced from partner', 'Decision date (actual)', 'Result'],
      {
        amount: 'Deal Size (EUR)',
        created: 'Date sourced from partner',
        closed: 'Decision date (actual)',
        stage: 'Result',
      },
    ],
  ];
  for (const [name, headers, expected] of cases)
    it(name, () => {
      expect(guessMapping(headers)).toEqual(expected);
    });

  it('never guesses an id from a word (an account id is not the opportunity id)', () => {
    expect(guessMapping(['account_id', 'Stage', 'Amount']).id).toBeUndefined();
  });

  it('with values, prefers the stage column that holds won / lost, and skips a boolean Closed', () => {
    const values: Record<string, string[]> = {
      Stage: ['Proposal', 'Negotiation'],
      Status: ['won', 'lost', 'open'],
      Closed: ['true', 'false'],
      'Close Date': ['2024-01-03'],
    };
    const m = guessMapping(['Stage', 'Status', 'Closed', 'Close Date'], (h) => values[h] ?? []);
    expect(m.stage).toBe('Status');
    expect(m.closed).toBe('Close Date');
  });

  it('suggests candidates for a missing field by name and by values', () => {
    const values: Record<string, string[]> = {
      Opened: ['2024-01-03', '2024-02-01'],
      Charge: ['1,200', '$300'],
      Who: ['Ann', 'Bo'],
    };
    const sample = (h: string) => values[h] ?? [];
    expect(columnCandidates('created', ['Who', 'Charge', 'Opened'], 3, sample)[0]).toBe('Opened');
    expect(columnCandidates('amount', ['Who', 'Opened', 'Charge'], 3, sample)).toEqual(['Charge']);
  });
});

describe('missing values and no-decision outcomes (issue 14)', () => {
  it('reads NA, N/A, null, NULL, -, — and empty as missing, nothing else', () => {
    for (const v of ['', ' ', 'NA', 'N/A', 'n/a', '#N/A', 'null', 'NULL', '-', '—', '–', 'None'])
      expect(isMissingValue(v), JSON.stringify(v)).toBe(true);
    for (const v of ['0', 'Nah', 'NAB', 'North America', '-5', 'null island'])
      expect(isMissingValue(v), v).toBe(false);
  });

  it('guesses no-decision words, with or without explicit won / lost values', () => {
    for (const v of [
      'No decision',
      'Closed – no decision',
      'Closed - No Decision',
      'No bid',
      'Passed',
      'Withdrawn',
    ])
      expect(guessOutcome(v), v).toBe('no-decision');
    const table = outcomeTable(['Won', 'Lost', 'No bid', 'NA', 'Open', 'Stalled'], {
      won: ['won'],
      lost: ['lost'],
      noDecision: ['stalled'],
    });
    expect(Object.fromEntries(table.map((e) => [e.value, e.outcome]))).toEqual({
      Won: 'won',
      Lost: 'lost',
      'No bid': 'no-decision',
      Open: 'open',
      Stalled: 'no-decision',
    });
  });
});
