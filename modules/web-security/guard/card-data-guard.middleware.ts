import type { Request, RequestHandler, Response } from 'express';
import { Kernel, type ConfigService, type Logger, type ServiceLocator } from '../../../app';
import { sendHttpError } from '../../../app/http/error-response';
import { redactCardNumbers } from '../../../app/log/card-numbers';
import { CARD_DATA_ADVICE, CARD_DATA_REFUSED } from '../api/card-data-messages';
import { WebSecurityConfigPath } from '../api/web-security-config-paths';
import { CardNumberFinder, type CardNumberHit } from './card-number-finder';
import { scanBody, scanHeaders, scanUrl } from './request-card-scanner';

/** How long the guard keeps its reading of web_security/card_data_guard/brand_ranges_only. */
const SETTINGS_TTL_MS = 5000;

/** The finder configured by web_security/card_data_guard/brand_ranges_only, re-read every few seconds. */
function finderSource(config: ConfigService): () => CardNumberFinder | Promise<CardNumberFinder> {
  let cached: { at: number; finder: CardNumberFinder } | undefined;
  return () => {
    if (cached && Date.now() - cached.at < SETTINGS_TTL_MS) return cached.finder;
    return config.get<boolean>(WebSecurityConfigPath.CardGuardBrandRangesOnly).then((brandRangesOnly) => {
      cached = { at: Date.now(), finder: new CardNumberFinder({ brandRangesOnly }) };
      return cached.finder;
    });
  };
}

/**
 * PAY-01, PAY-03: a request carrying a payment card number is refused before any resolver or route sees it, so the number
 * reaches no table, log, queue or cache. Two stages: the URL and headers at the front of the pipeline (before anything reads
 * the body or any other module's middleware runs), the body once the HTTP app has read it (bounded), first of the 'api' stage.
 */
export function createCardDataFrontGuard(locator: ServiceLocator): RequestHandler {
  const logger = locator.get(Kernel.Logger);
  const finder = finderSource(locator.get(Kernel.Config));
  return async (req, res, next) => {
    const find = await finder();
    const hit = scanUrl(req, find) ?? scanHeaders(req, find);
    if (!hit) return next();
    // The body stays unread: make sure it is not taken for the next request on this connection.
    res.setHeader('Connection', 'close');
    refuse(req, res, hit, logger);
  };
}

export function createCardDataBodyGuard(locator: ServiceLocator): RequestHandler {
  const logger = locator.get(Kernel.Logger);
  const finder = finderSource(locator.get(Kernel.Config));
  return async (req, res, next) => {
    const hit = scanBody(req, await finder());
    if (!hit) return next();
    refuse(req, res, hit, logger);
  };
}

function refuse(req: Request, res: Response, hit: CardNumberHit, logger: Logger): void {
  // Logged without the number: where it was and its last 4 digits at most; the path may hold it too, so it is redacted.
  logger.warn(
    { cardDataGuard: { field: hit.where, last4: hit.last4 }, method: req.method, path: redactCardNumbers(req.path), ip: req.ip },
    'Request refused: it contained a payment card number',
  );
  sendHttpError(req, res, { status: 400, message: `${CARD_DATA_REFUSED} (in ${hit.where}). ${CARD_DATA_ADVICE}`, category: 'graphql-input' });
}
