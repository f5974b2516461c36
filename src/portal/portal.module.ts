import { Module } from '@nestjs/common';

/** The public portal: server-rendered pages in Chinese (issue 6). */
@Module({})
export class PortalModule {}
