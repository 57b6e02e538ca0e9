/** The start of the message a request holding a card number is refused with (PAY-03); the field path follows. */
export const CARD_DATA_REFUSED = 'The request was refused: it contains what looks like a payment card number';

/** The advice that ends it: where card numbers belong instead. */
export const CARD_DATA_ADVICE = 'Card numbers must never be sent to this server: enter them only in the payment provider\'s hosted form.';
