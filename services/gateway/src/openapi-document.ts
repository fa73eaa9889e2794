import 'reflect-metadata';
import { errorMessage } from '@fitness/common';
import { offlineOpenApiDocument } from './http/openapi.js';

// Prints the OpenAPI document the gateway serves at /docs/json, built offline (nothing connects):
//   node services/gateway/dist/openapi-document.js > libs/client/openapi.json   (make client)
offlineOpenApiDocument().then(
  (document) => process.stdout.write(`${JSON.stringify(document, null, 2)}\n`),
  (err: unknown) => {
    console.error(`openapi-document: ${errorMessage(err)}`);
    process.exit(1);
  },
);
