import { writeFileSync } from 'node:fs';
import { ADMIN_TYPES, adminTypes, buildOpenApiDocument, OPENAPI_JSON, openApiJson } from './openapi-files.js';

/** `npm run openapi`: writes docs/openapi.json and the back office's API types from the app's decorators. */
const document = await buildOpenApiDocument();
writeFileSync(OPENAPI_JSON, openApiJson(document));
writeFileSync(ADMIN_TYPES, await adminTypes(document));
const operations = Object.values(document.paths).flatMap((item) => Object.keys(item)).length;
console.log(`wrote ${OPENAPI_JSON} (${operations} operations) and ${ADMIN_TYPES}`);
