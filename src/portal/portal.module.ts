import { Module } from '@nestjs/common';
import { PublicationModule } from '../publication/publication.module';
import { ChecksModule } from '../checks/checks.module';
import { PortalController } from './portal.controller';
import { PortalService } from './portal.service';

/** The public portal: server-rendered pages in Chinese (issue 6), built only from the public services. */
@Module({
  imports: [PublicationModule, ChecksModule],
  controllers: [PortalController],
  providers: [PortalService],
})
export class PortalModule {}
