import { describe, expect, it } from 'vitest';
import { guessMapping, guessOutcome, outcomeTable } from './mapping.ts';

describe('guessMapping', () => {
  it('recognizes Salesforce report headers', () => {
    expect(
      guessMapping([
        'Opportunity ID',
        'Opportunity Name',
        'Stage',
        'Amount',
        'Created Date',
        'Close Date',
        'Opportunity Owner',
        'Account Name',
      ]),
    ).toEqual({
      id: 'Opportunity ID',
      stage: 'Stage',
      amount: 'Amount',
      created: 'Created Date',
      closed: 'Close Date',
      owner: 'Opportunity Owner',
    });
  });

  it('recognizes HubSpot deal export headers', () => {
    expect(
      guessMapping([
        'Record ID',
        'Deal Name',
        'Deal Stage',
        'Amount',
        'Create Date',
        'Close Date',
        'Deal owner',
      ]),
    ).toEqual({
      id: 'Record ID',
      stage: 'Deal Stage',
      amount: 'Amount',
      created: 'Create Date',
      closed: 'Close Date',
      owner: 'Deal owner',
    });
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
    ).toEqual({
      id: 'opportunity_id',
      stage: 'deal_stage',
      amount: 'close_value',
      created: 'engage_date',
      closed: 'close_date',
      owner: 'sales_agent',
    });
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
