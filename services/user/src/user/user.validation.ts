import {
  EMAIL_MAX,
  InvalidArgumentError,
  PASSWORD_MAX,
  PASSWORD_MIN,
  USERNAME_PATTERN,
  USERNAME_RULE,
  requireSafeText,
} from '@fitness/common';

// The gateway validates request bodies first; these checks guard the gRPC API itself.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkUsername(username: string): string {
  if (!USERNAME_PATTERN.test(username)) {
    throw new InvalidArgumentError(USERNAME_RULE, 'username');
  }
  return username;
}

export function checkEmail(email: string): string {
  const normalized = requireSafeText(email, 'email').trim().toLowerCase();
  if (normalized.length > EMAIL_MAX || !EMAIL_PATTERN.test(normalized)) {
    throw new InvalidArgumentError('email must be a valid email address', 'email');
  }
  return normalized;
}

export function checkPassword(password: string): string {
  requireSafeText(password, 'password');
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new InvalidArgumentError(
      `password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`,
      'password',
    );
  }
  return password;
}

export function checkRange(
  value: number,
  range: { min: number; max: number },
  field: string,
): number {
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new InvalidArgumentError(`${field} must be between ${range.min} and ${range.max}`, field);
  }
  return value;
}
