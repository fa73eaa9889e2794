import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';

/**
 * Where the web client's build (web/dist) is: beside the gateway's dist/ in the repository and in
 * the image alike (services/gateway/dist/main.js → web/dist).
 */
export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

/**
 * Serves the web client at `/`. Only the files of the build get routes (no wildcard): every other
 * path stays the API's, and an unknown one keeps the API's 404 error body. Without a build (a
 * gateway started before `npm run build`), the gateway starts anyway and says so.
 */
export async function serveWebClient(
  app: NestFastifyApplication,
  logger: LoggerService,
  root = WEB_ROOT,
): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) {
    logger.log(`web client not served: no build at ${root} (npm run build makes it)`, 'WebClient');
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    // @nestjs/swagger registers @fastify/static too (the /docs assets): only one may decorate.
    decorateReply: false,
    // Our own Cache-Control (below), not send's max-age=0 on everything.
    cacheControl: false,
    setHeaders: (res, path) => {
      // Vite names the assets by content hash: cache them for good; always revalidate the page.
      res.setHeader(
        'cache-control',
        path.includes(`${join('dist', 'assets')}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  return true;
}
