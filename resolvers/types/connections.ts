import { Application } from "../../entities/application.entity";
import { Message } from "../../entities/message.entity";
import { Role } from "../../entities/role.entity";
import { connectionTypes } from "./connection.type";

export const { Connection: ApplicationConnection } = connectionTypes("Application", Application);
export const { Connection: MessageConnection } = connectionTypes("Message", Message);
export const { Connection: RoleConnection } = connectionTypes("Role", Role);
