import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { PublicRateLimitGuard } from '../common/http/public-rate-limit.guard';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RuntimeConfig } from '../config/runtime-config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleModule } from './login-throttle/login-throttle.module';
import { RefreshToken } from './sessions/refresh-token.entity';
import { SessionRequestGuard } from './sessions/session-cookie';
import { SessionsService } from './sessions/sessions.service';

@Module({
  imports: [
    UsersModule,
    LoginThrottleModule,
    TypeOrmModule.forFeature([RefreshToken]),
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
  providers: [AuthService, SessionsService, SessionRequestGuard, { provide: APP_GUARD, useClass: PublicRateLimitGuard }, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
