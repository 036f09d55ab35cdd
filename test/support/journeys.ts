import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { apiClient, eventually, type OutboxMessage } from './api-client.ts';

type Api = ReturnType<typeof apiClient>;

export interface ProposalViewBody {
  proposalId: string;
  status: string;
  concerns: boolean;
  unsuitableReason?: string;
  checks: { checkId: string; type: string; residentId?: string; status: string; outcome?: string; responder?: unknown; source?: { via: string; method?: string; spokenToAlone?: boolean } }[];
  residents: { residentId: string }[];
  events: { type: string; actor: string }[];
}

/** Starts checks as the court officer and returns the new proposal's id. */
export async function startChecks(api: Api, body: object, user = 'court.officer'): Promise<string> {
  const created = await api.post<{ proposalId: string; status: string }>('/api/proposals', body, user);
  if (created.status !== 201) {
    throw new Error(`Expected 201, got ${created.status}: ${JSON.stringify(created.body)}`);
  }
  return created.body.proposalId;
}

/** Waits until the workflow has sent every request of a proposal; returns them by check type. */
export async function requestsFor(api: Api, proposalId: string, expected: number) {
  const messages = await eventually(async () => {
    const found = (await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === 'REQUEST');
    return found.length >= expected ? found : undefined;
  }, `${expected} requests for ${proposalId}`);
  const ofType = (type: string): OutboxMessage[] => messages.filter((message) => message.checkType === type);
  const only = (type: string): OutboxMessage => {
    const [message] = ofType(type);
    if (message?.url === undefined) {
      throw new Error(`No ${type} request`);
    }
    return message;
  };
  return {
    all: messages,
    police: only('DOMESTIC_ABUSE'),
    childrensServices: only('CHILD_SAFEGUARDING'),
    residents: ofType('RESIDENT_CONSENT'),
  };
}

export async function viewOf(api: Api, proposalId: string, user = 'court.officer'): Promise<ProposalViewBody> {
  const response = await api.get<ProposalViewBody>(`/api/proposals/${proposalId}`, user);
  if (response.status !== 200) {
    throw new Error(`Expected 200, got ${response.status}`);
  }
  return response.body;
}

/** Waits until the proposal reaches a status (the workflow moves it asynchronously). */
export function statusBecomes(api: Api, proposalId: string, status: string): Promise<ProposalViewBody> {
  return eventually(async () => {
    const view = await viewOf(api, proposalId);
    return view.status === status ? view : undefined;
  }, `proposal ${proposalId} to become ${status}`);
}

/** The status of a proposal's workflow execution on the local stack (RUNNING, SUCCEEDED, ABORTED...). */
export async function executionStatus(stepFunctionsEndpoint: string, proposalId: string): Promise<string | undefined> {
  const client = new SFNClient({ endpoint: stepFunctionsEndpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const described = await client.send(new DescribeExecutionCommand({ executionArn: `arn:aws:states:eu-west-2:000000000000:execution:curfew-checks:${proposalId}` }));
    return described.status;
  } finally {
    client.destroy();
  }
}
