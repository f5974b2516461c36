import { ParseUUIDPipe } from '@nestjs/common';
import { BadRequestError } from '../errors/domain-error';

/** `@Param('id', UuidPipe)`: a malformed id is bad input (400); a well-formed unknown id is 404. */
export const UuidPipe = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestError('INVALID_ID', '路径中的 id 不是有效的 UUID'),
});
