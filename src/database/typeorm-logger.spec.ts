import { Logger } from '@nestjs/common';
import { TypeOrmLogger } from './typeorm-logger';

describe('TypeOrmLogger', () => {
  afterEach(() => jest.restoreAllMocks());

  it("sends TypeORM's pool warnings to the app's logger (JSON lines), not to the console", () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const console = jest.spyOn(process.stdout, 'write');
    new TypeOrmLogger().log('warn', 'Postgres pool raised an error. error: terminating connection due to administrator command');
    expect(warn).toHaveBeenCalledWith('Postgres pool raised an error. error: terminating connection due to administrator command');
    expect(console).not.toHaveBeenCalled();
  });

});
