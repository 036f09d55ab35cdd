import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { ListExecutionsCommand, SFNClient, type ExecutionListItem } from '@aws-sdk/client-sfn';
import { localDynamoDbClientConfig } from '../../../infra/local/dynamodb-local.ts';
import type { LocalStack } from '../../../infra/local/local-stack.ts';

/**
 * Reads what the local stack stored, straight from DynamoDB Local and the local Step Functions
 * endpoint (not through the API, whose reads are themselves audited): a proposal's items, its
 * checks (with their task tokens) and its audit records in order; the executions.
 */
export interface StoredCheck {
  checkId: string;
  type: 'DOMESTIC_ABUSE' | 'CHILD_SAFEGUARDING' | 'RESIDENT_CONSENT';
  status: string;
  residentId?: string;
  answer?: { outcome?: string; decision?: string };
  source?: { via: string; spokenToAlone?: boolean };
  needsContactAt?: string;
  taskToken?: string;
  linkTokenHash?: string;
  resendCount?: number;
  dueAt: string;
  courtHearing: string;
  dueRound?: number;
}

export interface StoredAudit {
  seq: number;
  action: string;
  actor: string;
  at: string;
  checkId?: string;
  caseId?: string;
  version?: number;
  previousProposalId?: string;
  nextProposalId?: string;
  /** CONSENT_WITHDRAWN: the proposal's resulting status. */
  status?: string;
}

export interface StoredState {
  proposal: {
    proposalId: string;
    status: string;
    concerns: boolean;
    decision?: { outcome: string; by: string };
    countersignature?: { agree: boolean; by: string };
    stageTaskToken?: string;
    hearingDate: string;
    courtHearing: string;
    reportType: 'ORAL' | 'SHORT_FORMAT' | 'STANDARD';
    adjournments?: { previousHearingDate: string; hearingDate: string; cause: string }[];
    caseId?: string;
    version?: number;
    previousProposalId?: string;
    nextProposalId?: string;
  };
  checks: StoredCheck[];
  audit: StoredAudit[];
}

export function storeReader(stack: Pick<LocalStack, 'dynamoDbEndpoint' | 'tableName' | 'stepFunctionsEndpoint'>) {
  const client = new DynamoDBClient(localDynamoDbClientConfig(stack.dynamoDbEndpoint));
  const documents = DynamoDBDocumentClient.from(client);
  const sfn = new SFNClient({ endpoint: stack.stepFunctionsEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const stateMachineArn = 'arn:aws:states:eu-west-2:000000000000:stateMachine:curfew-checks';

  async function itemsOf(pk: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await documents.send(
        new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true, ...(start === undefined ? {} : { ExclusiveStartKey: start }) }),
      );
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      start = page.LastEvaluatedKey as Record<string, unknown> | undefined;
    } while (start !== undefined);
    return items;
  }

  return {
    async proposal(proposalId: string): Promise<StoredState> {
      const items = await itemsOf(`PROPOSAL#${proposalId}`);
      const proposal = items.find((item) => item.itemType === 'PROPOSAL');
      if (proposal === undefined) throw new Error(`No proposal ${proposalId}`);
      return {
        proposal: proposal as unknown as StoredState['proposal'],
        checks: items.filter((item) => item.itemType === 'CHECK') as unknown as StoredCheck[],
        audit: (items.filter((item) => item.itemType === 'AUDIT') as unknown as StoredAudit[]).sort((a, b) => a.seq - b.seq),
      };
    },
    /** Every execution of the state machine (all pages). */
    async executions(): Promise<ExecutionListItem[]> {
      const all: ExecutionListItem[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, ...(nextToken === undefined ? {} : { nextToken }) }));
        all.push(...(page.executions ?? []));
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
      return all;
    },
    sfn,
    close(): void {
      documents.destroy();
      client.destroy();
      sfn.destroy();
    },
  };
}

export type StoreReader = ReturnType<typeof storeReader>;
