/** The CRM sample's helpers, now in @sweetspot/testing/sample; kept for the import browser test. */
export { describeWithSample, itWithSample, SAMPLE_DIR } from '@sweetspot/testing/sample';
