import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { PublicRateLimitGuard } from '../common/http/public-rate-limit.guard';
import { JwtModule } from '@nestjs/jwt';
import { RuntimeConfig } from '../config/runtime-config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleModule } from './login-throttle/login-throttle.module';

@Module({
  imports: [
    UsersModule,
    LoginThrottleModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<RuntimeConfig, true>) => ({
        secret: config.get('jwtSecret', { infer: true }),
        signOptions: { algorithm: 'HS256', issuer: 'ssgk' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'ssgk' },
      }),
    }),
  ],
  controllers: [AuthController],
  // The rate limit runs first: a flood of anonymous requests never reaches the database.
  providers: [AuthService, { provide: APP_GUARD, useClass: PublicRateLimitGuard }, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
