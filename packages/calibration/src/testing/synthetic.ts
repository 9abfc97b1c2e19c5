/**
 * Test fixture: a small Salesforce-style export with a known answer. Segment "core": 6 deals
 * closed 1–6 weeks after creation (4 won, 2 lost) and 4 still open 100 days after creation at
 * the as-of date 2024-04-10, so the Kaplan–Meier median is 5 weeks while closed-only says 3.
 * Segment "edge": 3 won, 1 lost. Then one row per kind of problem.
 */
export const SYNTHETIC_AS_OF = '2024-04-10';

export const SYNTHETIC_CSV = [
  '\ufeffOpportunity ID,Stage,Amount,Created Date,Close Date,Opportunity Owner,Region,Note',
  'A1,Closed Won,"$1,000.00",2024-01-01,2024-01-08,Ann,North,ok',
  'A2,Closed Won,"$2,000.00",2024-01-01,2024-01-15,Ann,North,"two',
  'lines"',
  'A3,Closed Lost,0,2024-01-01,2024-01-22,Bob,North,ok',
  'A4,Closed Won,"$4,000.00",2024-01-01,2024-01-29,Bob,North,ok',
  'A5,Closed Lost,,2024-01-01,2024-02-05,Ann,North,ok',
  'A6,Closed Won,"$8,000.00",2024-01-01,2024-02-12,Bob,North,ok',
  'A7,Negotiation,"$9,999",2024-01-01,2024-06-30,Ann,North,expected close in the future',
  'A8,Negotiation,,2024-01-01,,Bob,North,ok',
  'A9,Prospecting,,2024-01-01,,Ann,North,ok',
  'A10,Qualification,,2024-01-01,,Bob,North,=HYPERLINK("http://x")',
  'B1,Closed Won,500,2024-02-01,2024-02-15,Cy,South,ok',
  'B2,Closed Won,700,2024-02-01,2024-02-22,Cy,South,ok',
  'B3,Closed Won,900,2024-02-01,2024-03-01,Cy,South,ok',
  'B4,Closed Lost,0,2024-02-01,2024-03-07,Cy,South,ok',
  'A1,Closed Won,100,2024-01-01,2024-01-08,Ann,North,duplicate id',
  'X1,,100,2024-01-01,2024-01-08,Ann,North,no stage',
  'X2,Closed Won,100,,2024-01-08,Ann,North,no created date',
  'X3,Closed Won,100,soon,2024-01-08,Ann,North,bad created date',
  'X4,Closed Won,100,2024-01-10,2024-01-08,Ann,North,closed before created',
  'X5,Closed Lost,0,2024-01-10,,Ann,North,lost without close date',
  'X6,Closed Won,100,2024-01-10,2024-01-20,Ann,West,no segment',
  'X7,Closed Won,100,2024-01-10',
  'B5,Closed Won,n/a,2024-02-01,2024-03-01,Cy,South,won without amount',
  '',
  ',,,,,,,',
  '',
].join('\r\n');
