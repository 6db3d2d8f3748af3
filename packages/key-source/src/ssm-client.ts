// The two names of the AWS SDK the SSM source uses, imported by name so that a bundler keeps only them: an import()
// of '@aws-sdk/client-ssm' itself would keep all of its commands (130 KB more code, 34 KB more zip, in the authorizer).
export { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
