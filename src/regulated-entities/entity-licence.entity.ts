import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { RegulatedEntity } from './regulated-entity.entity';

/** A licence an entity holds (e.g. 实验动物使用许可证): item target filters select on its type. */
@Entity('entity_licences')
@Unique('uq_entity_licences_entity_type_number', ['entityId', 'type', 'number'])
@Index('ix_entity_licences_type', ['type'])
@Check('ck_entity_licences_period', `"valid_until" IS NULL OR "valid_from" IS NULL OR "valid_until" >= "valid_from"`)
export class EntityLicence {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_entity_licences' })
  id: string;

  @Column({ type: 'uuid' })
  entityId: string;

  @ManyToOne('RegulatedEntity', 'licences', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entity_id', foreignKeyConstraintName: 'fk_entity_licences_entity' })
  entity?: RegulatedEntity;

  @Column({ type: 'varchar', length: 100 })
  type: string;

  @Column({ type: 'varchar', length: 100 })
  number: string;

  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;
}
