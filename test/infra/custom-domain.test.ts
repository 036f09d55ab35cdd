import { Validations } from 'aws-cdk-lib';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { addCurfewChecksStacks } from '#infra/stacks';
import { testApp } from './support/stack-template.ts';

const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';

let main: CurfewChecksStack;
let template: Template;
let report: PolicyValidationPluginReport;

beforeAll(() => {
  const app = testApp();
  ({ main } = addCurfewChecksStacks(app, {
    stackName: 'CurfewChecks',
    region: 'eu-west-2',
    account: '123456789012',
    publicBaseUrl: 'https://curfew-checks.test.example.gov.uk',
    customDomain: { domainName: 'curfew-checks.test.example.gov.uk', certificateArn },
  }));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  template = Template.fromStack(main);
  report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app);
}, 180_000);

describe('with a custom domain', () => {
  it('answers on that name with the us-east-1 certificate, SNI only, TLS 1.2 or later', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['curfew-checks.test.example.gov.uk'],
        ViewerCertificate: { AcmCertificateArn: certificateArn, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' },
      },
    });
  });

  it('passes the AwsSolutions checks without the default-certificate (CFR4) acknowledgement', () => {
    expect(report.violations).toEqual([]);
    const acknowledged = main.edge.distribution.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.keys(entry.data as Record<string, string>))
      .map((id) => id.replace(/^.*::/, ''));
    expect(acknowledged).toContain('AwsSolutions-CFR1');
    expect(acknowledged).not.toContain('AwsSolutions-CFR4');
  });
});
