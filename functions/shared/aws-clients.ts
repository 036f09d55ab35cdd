import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { config } from './config.ts';

/** Local endpoints accept any credentials; giving fixed ones stops the SDK searching for real ones. */
const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = process.env.AWS_REGION ?? 'eu-west-2';

/** Built once per cold start and shared by every request. */
export const dynamoDbClient = new DynamoDBClient(
  config.dynamoDbEndpoint === undefined ? { region } : { region, endpoint: config.dynamoDbEndpoint, credentials: localCredentials },
);

/** Plain JavaScript values in and out; undefined attributes are left out rather than rejected. */
export const dynamoDb = DynamoDBDocumentClient.from(dynamoDbClient, { marshallOptions: { removeUndefinedValues: true } });

export const stepFunctions = new SFNClient(
  config.stepFunctionsEndpoint === undefined
    ? { region }
    : { region, endpoint: config.stepFunctionsEndpoint, credentials: localCredentials },
);
