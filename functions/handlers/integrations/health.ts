import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '#runtime/aws-clients';
import { requireStateMachineArn } from '#runtime/config';
import { httpHandler, json } from '#runtime/http-handler';
import { logger } from '#runtime/logger';
import { londonDate } from '#domain/london-time';
import { bankHolidayWarning, coversNextTwelveMonths } from '#domain/working-days';
import { now } from '#runtime/clock';
import { probeTable } from '#store/table-probe';

type DependencyState = 'UP' | 'DOWN';

async function probe(name: string, check: () => Promise<unknown>): Promise<DependencyState> {
  try {
    await check();
    return 'UP';
  } catch (error) {
    logger.warn('Health probe failed', { dependency: name, errorName: error instanceof Error ? error.name : 'unknown' });
    return 'DOWN';
  }
}

/**
 * GET /health: can we reach the table and the workflow? 503 when either is down. Warns when the
 * bank-holiday dates run out within a year, because deadlines would then ignore bank holidays.
 */
export const handler = httpHandler(async () => {
  const [table, workflow] = await Promise.all([
    probe('table', probeTable),
    probe('workflow', () => stepFunctions.send(new DescribeStateMachineCommand({ stateMachineArn: requireStateMachineArn() }))),
  ]);
  const status = table === 'UP' && workflow === 'UP' ? 'UP' : 'DOWN';
  const warnings = coversNextTwelveMonths(londonDate(now())) ? [] : [bankHolidayWarning()];
  return json(status === 'UP' ? 200 : 503, { status, dependencies: { table, workflow }, ...(warnings.length === 0 ? {} : { warnings }) });
});
