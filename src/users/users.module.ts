import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoginThrottleModule } from '../auth/login-throttle/login-throttle.module';
import { AuditModule } from '../audit/audit.module';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), LoginThrottleModule, AuditModule],
  controllers: [UsersController],
  providers: [UsersService, AdminBootstrapService],
  exports: [UsersService, TypeOrmModule],
})
export class UsersModule {}
