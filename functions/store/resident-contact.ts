import type { ContactDetails } from '#domain/link-resend';
import { keys } from './items.ts';
import type { TransactItem } from './transact-item.ts';
import { tableName } from './table-name.ts';

/**
 * The transaction item that gives an adult resident new contact details, only while the
 * proposal's checks are in progress and the resident is still the one at `index`. The record's
 * email and mobile become exactly what was given: a field left out is removed.
 */
export function changeResidentContact(proposalId: string, residentId: string, index: number, contact: ContactDetails, at: Date): TransactItem {
  const path = (field: '#email' | '#mobile') => `#residents[${index}].${field}`;
  const set = [...(contact.email === undefined ? [] : [`${path('#email')} = :email`]), ...(contact.mobile === undefined ? [] : [`${path('#mobile')} = :mobile`]), 'updatedAt = :at'];
  const remove = [...(contact.email === undefined ? [path('#email')] : []), ...(contact.mobile === undefined ? [path('#mobile')] : [])];
  return {
    Update: {
      TableName: tableName,
      Key: keys.proposal(proposalId),
      UpdateExpression: `SET ${set.join(', ')}${remove.length === 0 ? '' : ` REMOVE ${remove.join(', ')}`}`,
      ConditionExpression: `#status = :inProgress AND #residents[${index}].#residentId = :residentId`,
      ExpressionAttributeNames: { '#status': 'status', '#residents': 'residents', '#email': 'email', '#mobile': 'mobile', '#residentId': 'residentId' },
      ExpressionAttributeValues: {
        ':inProgress': 'CHECKS_IN_PROGRESS',
        ':residentId': residentId,
        ':at': at.toISOString(),
        ...(contact.email === undefined ? {} : { ':email': contact.email }),
        ...(contact.mobile === undefined ? {} : { ':mobile': contact.mobile }),
      },
    },
  };
}
