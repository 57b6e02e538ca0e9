import type { RequestHandler } from 'express';
import { KernelError } from '../kernel/errors';
import type { Application } from '../kernel/application';
import type { MiddlewareDeclaration } from '../module/manifest';

/**
 * The enabled modules' middleware for one stage, ordered by sortOrder, then module load order, then declaration order.
 * Created once, when the HTTP app is built, so a broken declaration stops the boot instead of the first request.
 */
export function moduleMiddleware(app: Application, stage: MiddlewareDeclaration['stage']): RequestHandler[] {
  const declared: Array<{ declaration: MiddlewareDeclaration; module: string; position: number }> = [];
  for (const mod of app.modules) {
    for (const declaration of mod.manifest.http?.middleware ?? []) {
      if (declaration.stage !== 'front' && declaration.stage !== 'api') {
        throw new KernelError(`Module ${mod.manifest.name} declares HTTP middleware ${declaration.name} with an unknown stage "${String(declaration.stage)}" (front or api)`, 'HTTP_MIDDLEWARE_INVALID');
      }
      if (declaration.stage === stage) declared.push({ declaration, module: mod.manifest.name, position: declared.length });
    }
  }
  declared.sort((a, b) => (a.declaration.sortOrder ?? 0) - (b.declaration.sortOrder ?? 0) || a.position - b.position);
  return declared.map(({ declaration, module }) => {
    let handler: unknown;
    try {
      handler = declaration.create(app);
    } catch (err) {
      throw new KernelError(`Module ${module} failed to create its HTTP middleware ${declaration.name}: ${(err as Error).message}`, 'HTTP_MIDDLEWARE_INVALID');
    }
    if (typeof handler !== 'function') {
      throw new KernelError(`Module ${module}'s HTTP middleware ${declaration.name} must create an express handler`, 'HTTP_MIDDLEWARE_INVALID');
    }
    return handler as RequestHandler;
  });
}
