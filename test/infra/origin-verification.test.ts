import { beforeAll, describe, expect, it } from 'vitest';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { deployedFunctions, type FunctionDefinition } from '#infra/function-registry';
import { originVerifyHeader } from '#runtime/origin-header';
import { buildMainStack, synthesized, type SynthesizedStack } from './support/stack-template.ts';

/**
 * The API's own execute-api address must answer nobody who skipped CloudFront and AWS WAF:
 * CloudFront sends a secret header, every route function can read that secret (and nothing else
 * can), and the address is no longer published. What the handlers do without the header is in
 * test/integration/through-the-edge.test.ts.
 */

let stack: CurfewChecksStack;
let synth: SynthesizedStack;

beforeAll(() => {
  stack = buildMainStack();
  synth = synthesized(stack);
}, 180_000);

const secretId = (): string => synth.logicalIdOf(stack.originVerification.secret);

interface PolicyStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

function statementsOf(definition: FunctionDefinition): PolicyStatement[] {
  const fn = synth.resources[synth.logicalIdOf(stack.handlerNamed(definition.name).function)];
  const roleId = (fn?.Properties['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return synth
    .resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties['Roles'] as { Ref: string }[]).some((ref) => ref.Ref === roleId))
    .flatMap(([, policy]) => (policy.Properties['PolicyDocument'] as { Statement: PolicyStatement[] }).Statement);
}

function variablesOf(definition: FunctionDefinition): Record<string, unknown> {
  const fn = synth.resources[synth.logicalIdOf(stack.handlerNamed(definition.name).function)];
  return (fn?.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
}

const routed = deployedFunctions.filter((definition) => (definition.routes ?? []).length > 0);
const unrouted = deployedFunctions.filter((definition) => (definition.routes ?? []).length === 0);

describe('the header only CloudFront sends', () => {
  it('is a generated secret, letters and digits only', () => {
    expect(synth.resources[secretId()]).toMatchObject({
      Type: 'AWS::SecretsManager::Secret',
      Properties: { GenerateSecretString: { ExcludePunctuation: true, IncludeSpace: false, PasswordLength: 64 } },
    });
  });

  it('is sent by the distribution with every request to the API, from the secret by dynamic reference (never the value)', () => {
    const [, distribution] = synth.resourcesOfType('AWS::CloudFront::Distribution')[0] ?? [];
    const origins = (distribution?.Properties['DistributionConfig'] as { Origins: Record<string, unknown>[] }).Origins;
    const apiOrigin = origins.find((origin) => origin['CustomOriginConfig'] !== undefined);
    expect(apiOrigin?.['OriginCustomHeaders']).toEqual([
      { HeaderName: originVerifyHeader, HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId() }, ':SecretString:::}}']] } },
    ]);
    const s3Origin = origins.find((origin) => origin['S3OriginConfig'] !== undefined);
    expect(s3Origin?.['OriginCustomHeaders']).toBeUndefined();
  });

  it.each(routed.map((definition) => [definition.name, definition] as const))(
    '%s serves routes, so it gets the secret\'s ARN (not its value) and may read that secret',
    (_name, definition) => {
      expect(variablesOf(definition)['ORIGIN_VERIFY_TOKEN_SECRET_ARN']).toEqual({ Ref: secretId() });
      expect(variablesOf(definition)['ORIGIN_VERIFY_TOKEN']).toBeUndefined();
      const reads = statementsOf(definition).filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'));
      expect(reads.flatMap((statement) => [statement.Resource].flat())).toContainEqual({ Ref: secretId() });
    },
  );

  it.each(unrouted.map((definition) => [definition.name, definition] as const))(
    '%s serves no route, so it gets neither the ARN nor a grant on the secret',
    (_name, definition) => {
      expect(Object.keys(variablesOf(definition)).filter((name) => name.startsWith('ORIGIN_VERIFY'))).toEqual([]);
      expect(JSON.stringify(statementsOf(definition))).not.toContain(secretId());
    },
  );

  it('leaves no output that gives the API\'s own execute-api address', () => {
    const outputs = synth.template.toJSON()['Outputs'] as Record<string, { Value: unknown }>;
    const apiId = synth.logicalIdOf(stack.httpApi);
    for (const [name, output] of Object.entries(outputs)) {
      const value = JSON.stringify(output.Value);
      expect(value, name).not.toContain('execute-api');
      expect(value, name).not.toContain(`"${apiId}"`);
    }
    expect(Object.keys(outputs)).not.toContain('ApiUrl');
  });
});
