import { useEffect } from 'react';
import { message, Modal, notification } from 'antd';
import { Antd } from './antd';
import { feedbackReady } from './feedback';

/** antd's message, notification and modal hooks, themed by the ConfigProvider above (see feedback.tsx). */
export default function FeedbackHolder() {
  const [messageApi, messageHolder] = message.useMessage();
  const [notificationApi, notificationHolder] = notification.useNotification();
  const [modalApi, modalHolder] = Modal.useModal();
  useEffect(() => feedbackReady({ message: messageApi, notification: notificationApi, modal: modalApi }), [messageApi, notificationApi, modalApi]);
  return (
    <Antd>
      {modalHolder}
      {messageHolder}
      {notificationHolder}
    </Antd>
  );
}
