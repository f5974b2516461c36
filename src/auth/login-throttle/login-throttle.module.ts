import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { KnownLoginAddress, LoginLockEvent, LoginThrottle } from './login-throttle.entity';
import { LoginThrottleService } from './login-throttle.service';

/**
 * The login's brute-force defence, apart from AuthModule so that UsersModule (an administrator's
 * unlock) can use it without a module cycle. Part of the auth domain: it owns its tables.
 */
@Module({
  imports: [TypeOrmModule.forFeature([LoginThrottle, KnownLoginAddress, LoginLockEvent])],
  providers: [LoginThrottleService],
  exports: [LoginThrottleService],
})
export class LoginThrottleModule {}
