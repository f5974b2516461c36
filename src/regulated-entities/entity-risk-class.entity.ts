import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { RegulatedEntity } from './regulated-entity.entity';

export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

/**
 * Credit-risk class history (国市监信发〔2022〕6号). Never updated in place: the class in force on a
 * date is the row with the latest effective_from on or before it, so a draw uses its date's class.
 */
@Entity('entity_risk_classes')
@Unique('uq_entity_risk_classes_entity_effective', ['entityId', 'effectiveFrom'])
@Check('ck_entity_risk_classes_class', `"risk_class" IN ('A', 'B', 'C', 'D')`)
export class EntityRiskClass {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_entity_risk_classes' })
  id: string;

  @Column({ type: 'uuid' })
  entityId: string;

  @ManyToOne('RegulatedEntity', 'riskClasses', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entity_id', foreignKeyConstraintName: 'fk_entity_risk_classes_entity' })
  entity?: RegulatedEntity;

  @Column({ type: 'char', length: 1 })
  riskClass: RiskClass;

  @Column({ type: 'date' })
  effectiveFrom: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
