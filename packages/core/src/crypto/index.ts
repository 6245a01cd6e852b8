export type { AesGcmCodecOptions, AesKey } from './aes-gcm-codec';
export { createAesGcmCodec } from './aes-gcm-codec';
export type { CredentialCodec } from './credential-codec';
export { authorizationStateCodecContext, credentialsCodecContext, grantCodecContext, tokenCodecContext, webhookSecretCodecContext } from './codec-contexts';
