import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Department } from '../departments/department.entity';

export const ITEM_CATEGORIES = ['key', 'general'] as const; // 重点 / 一般
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];
export const ITEM_METHODS = ['on_site', 'documentary', 'online'] as const; // 现场 / 书面 / 网络
export type ItemMethod = (typeof ITEM_METHODS)[number];

/** Ratio (percent) per credit-risk class, e.g. { A: 3, B: 5, C: 20, D: 100 }. */
export type RatiosByClass = Record<'A' | 'B' | 'C' | 'D', number>;

/** Which entities an item targets; every listed dimension must match (empty list = any). */
export interface TargetFilter {
  industryCodes: string[];
  licenceTypes: string[];
  districts: string[];
}

/**
 * 随机抽查事项: the stable identity of an item in a department's list. Its content lives in
 * immutable versions; plans reference the version they used.
 */
@Entity('inspection_items')
@Unique('uq_inspection_items_department_code', ['departmentId', 'code'])
export class InspectionItem {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_inspection_items' })
  id: string;

  @Column({ type: 'uuid' })
  departmentId: string;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_inspection_items_department' })
  department?: Department;

  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Column({ type: 'integer', default: 1 })
  currentVersion: number;

  @OneToMany(() => InspectionItemVersion, (v) => v.item)
  versions?: InspectionItemVersion[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One immutable version of an item. Everything here is published as-is (事前公开). */
@Entity('inspection_item_versions')
@Unique('uq_inspection_item_versions_item_version', ['itemId', 'version'])
@Check('ck_inspection_item_versions_category', `"category" IN ('key', 'general')`)
@Check('ck_inspection_item_versions_method', `"method" IN ('on_site', 'documentary', 'online')`)
@Index('ix_inspection_item_versions_item', ['itemId'])
export class InspectionItemVersion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_inspection_item_versions' })
  id: string;

  @Column({ type: 'uuid' })
  itemId: string;

  @ManyToOne(() => InspectionItem, (i) => i.versions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_inspection_item_versions_item' })
  item?: InspectionItem;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  subItems: string[];

  @Column({ type: 'text' })
  legalBasis: string;

  @Column({ type: 'varchar', length: 10 })
  category: ItemCategory;

  @Column({ type: 'varchar', length: 100 })
  targetType: string;

  @Column({ type: 'varchar', length: 20 })
  method: ItemMethod;

  @Column({ type: 'varchar', length: 100 })
  enforcementDomain: string;

  @Column({ type: 'jsonb' })
  defaultRatios: RatiosByClass;

  @Column({ type: 'varchar', length: 100 })
  frequency: string;

  @Column({ type: 'jsonb' })
  targetFilter: TargetFilter;

  /** Why this version was made (public, like the rest). */
  @Column({ type: 'text', nullable: true })
  changeNote: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
